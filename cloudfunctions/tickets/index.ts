// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { ticketsFunction } from '../../server/functions/tickets.function';

export const main = ticketsFunction.main;
