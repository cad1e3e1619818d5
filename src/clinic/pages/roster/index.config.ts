export default definePageConfig({ navigationBarTitleText: '排班看板' });
