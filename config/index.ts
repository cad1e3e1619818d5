import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';
import { assertReleasable } from './release';

/**
 * The app reads these at build time as `process.env.<NAME>`. Taro itself only inlines TARO_APP_*
 * values found in `.env*` files; `npm start` and CI pass them in the shell environment, so every
 * one the app uses is defined here from the environment (always defined, '' when absent, so a
 * weapp bundle never reaches for a `process` object that does not exist there).
 */
const APP_ENV_KEYS = ['TARO_APP_GATEWAY_URL', 'TARO_APP_DEV_LOGIN', 'TARO_APP_CLOUD_ENV'] as const;

/** core/ (API types, pure rules) lives outside src/ and is compiled like app code. */
const CORE_DIR = path.resolve(__dirname, '..', 'core');

/**
 * Packages whose published code uses syntax newer than the weapp target (babel.config.js: ES2019,
 * `?.`/`??` among it): compiled like app code in the weapp build. Taro compiles only src/ and its
 * own packages otherwise; scripts/weapp-output.test.ts finds any package this list misses.
 */
const WEAPP_TRANSPILE_PACKAGES = ['i18next', 'zod'];
const WEAPP_TRANSPILE = new RegExp(`[\\\\/]node_modules[\\\\/](${WEAPP_TRANSPILE_PACKAGES.join('|')})[\\\\/]`);

function appEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of APP_ENV_KEYS) env[key] = JSON.stringify(process.env[key] ?? '');
  return env;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // A production mini-program carries no development tool and names its appid and CloudBase
  // environment (config/release.ts); refused here, before anything is compiled.
  if (process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV === 'production') assertReleasable(process.env);
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'industrial-community-service-desk',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_H5_OUTPUT: a build of its own (the e2e runner's, while others rebuild dist-h5/).
    // TARO_WEAPP_OUTPUT: a weapp build of its own (a test's), while dist/ stays as it is.
    outputRoot: isH5 ? process.env.TARO_H5_OUTPUT || 'dist-h5' : process.env.TARO_WEAPP_OUTPUT || 'dist',
    plugins: [],
    env: appEnv(),
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [CORE_DIR, (file: string) => WEAPP_TRANSPILE.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [CORE_DIR] },
      devServer: { host: '127.0.0.1', port: Number(process.env.APP_PORT ?? 10086) },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
