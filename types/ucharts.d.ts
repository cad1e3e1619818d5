/** @qiun/ucharts ships no types: the constructor draws at once from its options. */
declare module '@qiun/ucharts' {
  export default class uCharts {
    constructor(opts: Record<string, unknown>);
    updateData(data: Record<string, unknown>): void;
  }
}
