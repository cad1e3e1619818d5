export default definePageConfig({ navigationBarTitleText: '回访活动' });
