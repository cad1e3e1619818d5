export default definePageConfig({ navigationBarTitleText: '预约三师' });
