/** An RFC 9457 problem as the services answer it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Array<{ pointer?: string; detail?: string; field?: string; message?: string }>;
  [extension: string]: unknown;
}

/** A non-2xx answer from the API, carrying its problem details. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The problem of any thrown value (network failures become a status-0 problem). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (error instanceof Error) return { title: 'Something went wrong', status: 0, detail: error.message };
  return { title: 'Something went wrong', status: 0, detail: String(error) };
}
