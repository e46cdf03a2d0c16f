import { topologySuites } from './topology-suites.ts';
import { cartPlatformSuite } from './suites/cart.ts';

topologySuites('embedded');
cartPlatformSuite('embedded');
