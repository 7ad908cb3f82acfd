/* clock: elapsed time for progress bars, time budgets and timings. */
#ifndef RNNTUTOR_CLOCK_H
#define RNNTUTOR_CLOCK_H

/* Seconds on the monotonic clock (it never goes back; its zero is
 * arbitrary, so only differences mean anything). */
double clock_now(void);

#endif
