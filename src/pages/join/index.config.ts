export default definePageConfig({ navigationBarTitleText: '企业联络员加入' });
