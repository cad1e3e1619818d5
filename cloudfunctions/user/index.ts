// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { userFunction } from '../../server/functions/user.function';

export const main = userFunction.main;
