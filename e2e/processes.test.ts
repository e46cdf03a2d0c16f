import { topologySuites } from './topology-suites.ts';

topologySuites('processes');
