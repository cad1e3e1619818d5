export default definePageConfig({ navigationBarTitleText: '企业点单' });
