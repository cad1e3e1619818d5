import { arrangementTodo } from '../../../core/rules/holiday-calendar';
import { calendarBook } from '../../platform/holiday-calendar';

/**
 * The console's holiday to-do (import next year's arrangement) as a line of the 待办 counts
 * (`arrangementMissing`: 1 while the due year's arrangement is missing), a StaffTodoSource. It
 * reads only the calendar, so the user function need not load the console to show it.
 */
export async function arrangementMissingTodo(communityId: string, now: Date): Promise<{ arrangementMissing?: number }> {
  const { missing } = arrangementTodo((await calendarBook(now)).for(communityId), now);
  return missing ? { arrangementMissing: 1 } : {};
}
