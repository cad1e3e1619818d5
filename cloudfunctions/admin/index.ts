// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { adminFunction } from '../../server/functions/admin.function';

export const main = adminFunction.main;
