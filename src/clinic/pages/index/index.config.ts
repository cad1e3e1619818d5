export default definePageConfig({ navigationBarTitleText: '三师坐诊' });
