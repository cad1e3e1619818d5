export default definePageConfig({ navigationBarTitleText: '工业社区服务专窗' });
