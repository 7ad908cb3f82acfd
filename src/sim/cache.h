/* cache: results computed once.
 *
 * A simulation's result depends only on its spec and its arguments (the
 * registry's promise), so a view keeps every result it has computed and a
 * relayout never runs an unchanged simulation again. Runs that fail are
 * kept too, with their messages, so a broken block is not retried on every
 * key. The cache holds at most SIM_CACHE_ENTRIES results and about
 * SIM_CACHE_BYTES of them; past that the least recently used go.
 *
 * Ownership: sim_cache_create() returns a heap cache (sim_cache_destroy()).
 * A result returned by sim_cache_get/put/run is owned by the cache and is
 * valid until the next call that may add to or clear the cache (put, run,
 * clear, destroy); copy it (sim_result_copy) to keep it longer. */
#ifndef RNNTUTOR_SIM_CACHE_H
#define RNNTUTOR_SIM_CACHE_H

#include <stddef.h>

#include "core/diag.h"
#include "sim/sim.h"

#define SIM_CACHE_ENTRIES 256
#define SIM_CACHE_BYTES ((size_t)64 << 20)

struct sim_cache;

struct sim_cache_stats {
	size_t entries;		/* results held now */
	size_t hits;		/* lookups answered from the cache */
	size_t runs;		/* simulations run by sim_cache_run */
};

struct sim_cache *sim_cache_create(void);
void sim_cache_destroy(struct sim_cache *cache);

/* The cached outcome of args: 1 with *res the result, or with *res NULL
 * when the run failed (its messages are added to diags); 0 when args has
 * never been run. */
int sim_cache_get(struct sim_cache *cache, const struct sim_args *args,
    const struct sim_result **res, struct diag_list *diags);
/* Keep res as the result of args; res is taken (left empty). Returns the
 * kept result. */
const struct sim_result *sim_cache_put(struct sim_cache *cache,
    const struct sim_args *args, struct sim_result *res);
/* Keep the failure of args with the error messages of diags (copied). */
void sim_cache_put_failure(struct sim_cache *cache,
    const struct sim_args *args, const struct diag_list *diags);
/* The cached outcome of args, or run it now and keep it: SIM_OK with *res,
 * or SIM_ERUN with messages in diags. */
int sim_cache_run(struct sim_cache *cache, const struct sim_args *args,
    const struct sim_result **res, struct diag_list *diags);
/* Forget everything (lesson files or data may have changed). */
void sim_cache_clear(struct sim_cache *cache);
void sim_cache_stats(const struct sim_cache *cache,
    struct sim_cache_stats *stats);

#endif
