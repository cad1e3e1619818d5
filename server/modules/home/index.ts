/**
 * home — the 待办 at the top of home: each role's counts, read from the owning modules.
 * Sits above every case module (it reads them all); owns no collection of its own beyond what
 * todos.repository reads (see server/db/schema.ts's owner map).
 */
export { addStaffTodoSource, todos, type StaffTodoSource } from './todos.use-cases';
export { arrangementMissingTodo } from './holiday-todo';
