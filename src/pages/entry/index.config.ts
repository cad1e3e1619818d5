export default definePageConfig({ navigationBarTitleText: '扫码进入' });
