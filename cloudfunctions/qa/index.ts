// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { qaFunction } from '../../server/functions/qa.function';

export const main = qaFunction.main;
