// babel-preset-taro 更多选项和默认值：
// https://docs.taro.zone/docs/next/babel-config
//
// The mini-program's JS runs in the phone's own engine (JavaScriptCore on iOS, V8 on Android),
// which WeChat does not transpile for us (project.config.json `es6: false`, and the platform
// cannot polyfill syntax: developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html).
// `?.` and `??` need iOS 13.4: the weapp build targets ES2019 syntax (iOS 12 JavaScriptCore,
// Chrome 70), and the packages from node_modules that ship newer syntax are compiled too
// (config/index.ts WEAPP_TRANSPILE_PACKAGES). scripts/weapp-output.test.ts parses every .js
// of the weapp build as ES2019 and fails on anything newer. H5 keeps package.json browserslist.
const WEAPP_TARGETS = { ios: '12', chrome: '70' };

// preset-env's `bugfixes: true` (Babel 8's default): for Safari's few edge bugs it adds a narrow fix
// instead of compiling every default parameter, destructuring and template literal down to ES5
// (which cost the main package ~15 KB). babel-preset-taro does not pass `bugfixes` on, so the
// three broad transforms are excluded and the three narrow fixes preset-env would use are added.
const WEAPP_BUGFIX_EXCLUDE = ['transform-parameters', 'transform-destructuring', 'transform-template-literals'];
const WEAPP_BUGFIX_PLUGINS = [
  require.resolve('@babel/plugin-bugfix-safari-id-destructuring-collision-in-function-expression'),
  require.resolve('@babel/plugin-bugfix-safari-rest-destructuring-rhs-array'),
  require.resolve('@babel/preset-modules/lib/plugins/transform-tagged-template-caching', { paths: [require.resolve('@babel/preset-env')] }),
];
const weapp = process.env.TARO_ENV === 'weapp';

module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      ...(weapp ? { targets: WEAPP_TARGETS, exclude: WEAPP_BUGFIX_EXCLUDE } : {}),
    }]
  ],
  plugins: weapp ? WEAPP_BUGFIX_PLUGINS : [],
  // Packages compiled from node_modules are CommonJS or ES modules: let Babel tell which, so the
  // helpers it injects use the module system the file already uses.
  overrides: [{ test: /[\\/]node_modules[\\/]/, sourceType: 'unambiguous' }],
}
