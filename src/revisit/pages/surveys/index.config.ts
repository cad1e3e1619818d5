export default definePageConfig({ navigationBarTitleText: '年度回访问卷' });
