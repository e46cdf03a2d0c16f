import { topologySuites } from './topology-suites.ts';

topologySuites('embedded');
