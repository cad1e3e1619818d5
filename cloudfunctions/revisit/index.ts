// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { revisitFunction } from '../../server/functions/revisit.function';

export const main = revisitFunction.main;
