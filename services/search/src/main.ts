import { searchService } from './service.ts';

export default searchService();
