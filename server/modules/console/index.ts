/**
 * console — the staff console: dashboards, the problem list, exports, enterprise visits, the
 * holiday arrangements. Owns `visits`, `exports`, `holiday_arrangements` (read by the calendar in
 * server/platform/holiday-calendar.ts); reads everything else through the owning modules.
 * Importing it registers what moderation does to visits.
 */
import './visits-moderation';

export * as dashboardUseCases from './dashboard.use-cases';
export * as exportsUseCases from './exports.use-cases';
export * as holidayUseCases from './holiday-arrangements.use-cases';
export * as problemsUseCases from './problem-page';
export * as visitsUseCases from './visits.use-cases';
