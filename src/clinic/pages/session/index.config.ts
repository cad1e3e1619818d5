export default definePageConfig({ navigationBarTitleText: '本场咨询' });
