// Thin entry: CloudBase calls main(event, context); everything else lives in server/.
import { clinicFunction } from '../../server/functions/clinic.function';

export const main = clinicFunction.main;
