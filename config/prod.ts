import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {
    // Keep the main package lean: no source maps shipped inside the mini-program.
    enableSourceMap: false,
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
