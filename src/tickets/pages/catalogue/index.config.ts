export default definePageConfig({ navigationBarTitleText: '派单目录' });
