export default definePageConfig({ navigationBarTitleText: '每月一会诊' });
