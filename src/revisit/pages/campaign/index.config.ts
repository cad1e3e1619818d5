export default definePageConfig({ navigationBarTitleText: '回访详情' });
