export default definePageConfig({ navigationBarTitleText: '入口二维码' });
