// The dev login (every demo user listed) exists only in builds made with TARO_APP_DEV_LOGIN=true:
// H5 under `npm start` and the browser tests. A production mini-program has no such page, and
// config/release.ts refuses to build one with the flag set.
const DEV_LOGIN = process.env.TARO_APP_DEV_LOGIN === 'true';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/me/index', 'pages/entry/index', ...(DEV_LOGIN ? ['pages/login/index'] : []), 'pages/join/index', 'pages/volunteer/index'],
  subPackages: [
    {
      // Staff screens: only staff, instructors, admins (and the district supervisor) open them, so workers never download them.
      root: 'staff',
      pages: [
        'pages/enterprises/index',
        'pages/codes/index',
        'pages/volunteers/index',
        'pages/users/index',
        'pages/audit/index',
        // 工作台 (staff console): visit log, enterprise record, problem list, dashboards, exports, master data.
        'pages/visits/index',
        'pages/visit-new/index',
        'pages/visit/index',
        'pages/enterprise/index',
        'pages/problems/index',
        'pages/dashboard/index',
        'pages/exports/index',
        'pages/master/index',
        'pages/units/index',
        'pages/holidays/index',
        // 内容审核: texts WeChat's content check sent to review, held for staff.
        'pages/review/index',
        // 区级总览: the district supervisor's view of every community.
        'pages/district/index',
      ],
    },
    {
      // 每日一问诊: questions, threads and the FAQ, downloaded when first opened (main-package budget).
      root: 'qa',
      pages: ['pages/ask/index', 'pages/mine/index', 'pages/detail/index', 'pages/faq/index', 'pages/faq-detail/index', 'pages/queue/index', 'pages/faq-edit/index'],
    },
    {
      // 三师坐诊: the calendar, bookings, volunteers' duties, the roster board and station check-in.
      root: 'clinic',
      pages: ['pages/index/index', 'pages/book/index', 'pages/mine/index', 'pages/duties/index', 'pages/session/index', 'pages/roster/index', 'pages/checkin/index'],
    },
    {
      // 企业诉求: 点单, the dispatch chain, the 会诊 agenda and the dispatch catalogue.
      root: 'tickets',
      pages: ['pages/list/index', 'pages/submit/index', 'pages/detail/index', 'pages/agenda/index', 'pages/catalogue/index'],
    },
    {
      // 满意度: 待评价 and rating a case, the yearly revisit survey, and staff's campaigns, forms, follow-ups and figures.
      root: 'revisit',
      pages: [
        'pages/pending/index',
        'pages/rate/index',
        'pages/surveys/index',
        'pages/survey/index',
        'pages/campaigns/index',
        'pages/campaign/index',
        'pages/forms/index',
        'pages/form-edit/index',
        'pages/follow-ups/index',
        'pages/figures/index',
      ],
    },
    {
      // 消息 and 通知: the inbox and the notification settings (main-package budget).
      root: 'inbox',
      pages: ['pages/index/index', 'pages/settings/index'],
    },
    {
      // 我的数据 / 注销账号 (PIPL): opened from 我的, rarely (main-package budget).
      root: 'account',
      pages: ['pages/index/index'],
    },
  ],
  tabBar: {
    color: '#5b6577',
    selectedColor: '#1a4fa3',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // Only the components a page uses are injected when it opens (developers.weixin.qq.com/miniprogram/dev/framework/ability/lazyload.html).
  lazyCodeLoading: 'requiredComponents',
  // Subpackages downloaded ahead (developers.weixin.qq.com/miniprogram/dev/framework/subpackages/preload.html):
  // a rule belongs to a page, not a role, so each rule sits on a page the role opens first. Home,
  // every role: 消息 (the unread badge) and 每日一问诊, on any network (both small). The desk lists
  // staff and instructors open (诉求 list, 问诊 queue): the staff package, the largest, on Wi-Fi.
  // The clinic calendar (workers, managers, volunteers): 满意度, rated after a consultation.
  // WeChat allows 2 MB of preloading per package, checked by `npm run deploy -- --check`.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['inbox', 'qa'] },
    'tickets/pages/list/index': { network: 'wifi', packages: ['staff'] },
    'qa/pages/queue/index': { network: 'wifi', packages: ['staff', 'tickets'] },
    'clinic/pages/index/index': { network: 'wifi', packages: ['revisit'] },
  },
  // PC WeChat: the window can be resized (and maximised); at 1024 px and up staff get the desk
  // layout (src/components/desk-nav.tsx), as in a browser.
  resizable: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a4fa3',
    navigationBarTitleText: '工业社区服务专窗',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
  },
});
