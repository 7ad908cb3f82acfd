/* cache: results computed once (cache.h). A small array searched by key:
 * a view holds tens of blocks, and a lookup costs far less than a layout. */
#include "config.h"

#include "sim/cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

struct entry {
	char *key;		/* the spec's name and every argument */
	struct sim_result res;
	int failed;		/* res is empty; errors holds the messages */
	struct diag_list errors;
	size_t bytes;		/* about what res holds */
	unsigned long used;	/* the tick of the last lookup */
};

struct sim_cache {
	struct entry *v;
	size_t n;
	size_t bytes;
	unsigned long tick;
	struct sim_cache_stats stats;
};

/* See cache.h. */
struct sim_cache *
sim_cache_create(void)
{
	return xcalloc(1, sizeof(struct sim_cache));
}

/* Free one entry's contents. */
static void
entry_free(struct entry *e)
{
	free(e->key);
	sim_result_free(&e->res);
	diag_list_free(&e->errors);
}

/* See cache.h. */
void
sim_cache_clear(struct sim_cache *cache)
{
	for (size_t i = 0; i < cache->n; i++)
		entry_free(&cache->v[i]);
	free(cache->v);
	cache->v = NULL;
	cache->n = 0;
	cache->bytes = 0;
}

/* See cache.h. */
void
sim_cache_destroy(struct sim_cache *cache)
{
	if (cache == NULL)
		return;
	sim_cache_clear(cache);
	free(cache);
}

/* The key of args: the spec's name and every value, as text that reads
 * back as exactly that value (text values are length-prefixed, so no
 * value can pose as two). */
static char *
key_of(const struct sim_args *args)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, args->spec->name);
	for (size_t i = 0; i < args->spec->nparams; i++) {
		if (args->spec->params[i].type == SIM_TEXT) {
			const char *t = args->text[i] != NULL ? args->text[i] : "";

			strbuf_addf(&sb, "|%zu:%s", strlen(t), t);
		} else {
			char num[SIM_NUMBER_MAX];

			sim_format_double(num, args->num[i], 0);
			strbuf_addf(&sb, "|%s", num);
		}
	}
	return strbuf_detach(&sb);
}

/* About the bytes a result holds: its values and a little per name. */
static size_t
result_bytes(const struct sim_result *res)
{
	size_t bytes = 64;

	for (size_t i = 0; i < res->nseries; i++)
		bytes += 64 + res->series[i].n * sizeof(double);
	bytes += res->nscalars * 64;
	for (size_t i = 0; i < res->ntables; i++)
		bytes += 64 + res->tables[i].nrows * res->tables[i].ncols * 32;
	return bytes;
}

/* The entry for key, or NULL. */
static struct entry *
find(struct sim_cache *cache, const char *key)
{
	for (size_t i = 0; i < cache->n; i++)
		if (strcmp(cache->v[i].key, key) == 0)
			return &cache->v[i];
	return NULL;
}

/* Drop the least recently used entry. */
static void
evict_one(struct sim_cache *cache)
{
	size_t old = 0;

	for (size_t i = 1; i < cache->n; i++)
		if (cache->v[i].used < cache->v[old].used)
			old = i;
	cache->bytes -= cache->v[old].bytes;
	entry_free(&cache->v[old]);
	cache->v[old] = cache->v[--cache->n];
}

/* A new entry for args with room made for bytes more; an old entry of
 * the same key is replaced. */
static struct entry *
add(struct sim_cache *cache, const struct sim_args *args, size_t bytes)
{
	char *key = key_of(args);
	struct entry *e = find(cache, key);

	if (e != NULL) {
		cache->bytes -= e->bytes;
		entry_free(e);
		*e = cache->v[--cache->n];
	}
	while (cache->n > 0 && (cache->n >= SIM_CACHE_ENTRIES ||
	    cache->bytes + bytes > SIM_CACHE_BYTES))
		evict_one(cache);
	cache->v = xreallocarray(cache->v, cache->n + 1, sizeof *cache->v);
	e = &cache->v[cache->n++];
	memset(e, 0, sizeof *e);
	e->key = key;
	sim_result_init(&e->res);
	diag_list_init(&e->errors);
	e->bytes = bytes;
	e->used = ++cache->tick;
	cache->bytes += bytes;
	return e;
}

/* See cache.h. */
int
sim_cache_get(struct sim_cache *cache, const struct sim_args *args,
    const struct sim_result **res, struct diag_list *diags)
{
	char *key = key_of(args);
	struct entry *e = find(cache, key);

	free(key);
	*res = NULL;
	if (e == NULL)
		return 0;
	cache->stats.hits++;
	e->used = ++cache->tick;
	if (!e->failed) {
		*res = &e->res;
		return 1;
	}
	for (size_t i = 0; i < e->errors.n; i++) {
		const struct diag *d = &e->errors.v[i];

		diag_add(diags, d->level, d->file, d->line, d->col, "%s", d->msg);
	}
	return 1;
}

/* See cache.h. */
const struct sim_result *
sim_cache_put(struct sim_cache *cache, const struct sim_args *args,
    struct sim_result *res)
{
	struct entry *e = add(cache, args, result_bytes(res));

	e->res = *res;
	sim_result_init(res);
	return &e->res;
}

/* See cache.h. */
void
sim_cache_put_failure(struct sim_cache *cache, const struct sim_args *args,
    const struct diag_list *diags)
{
	struct entry *e = add(cache, args, 256);

	e->failed = 1;
	for (size_t i = 0; i < diags->n; i++) {
		const struct diag *d = &diags->v[i];

		diag_add(&e->errors, d->level, d->file, d->line, d->col, "%s",
		    d->msg);
	}
}

/* See cache.h. */
int
sim_cache_run(struct sim_cache *cache, const struct sim_args *args,
    const struct sim_result **res, struct diag_list *diags)
{
	struct sim_result fresh;
	struct diag_list mine;
	int rc;

	if (sim_cache_get(cache, args, res, diags))
		return *res != NULL ? SIM_OK : SIM_ERUN;
	cache->stats.runs++;
	sim_result_init(&fresh);
	diag_list_init(&mine);
	rc = sim_run(&fresh, args, &mine);
	if (rc == SIM_OK) {
		*res = sim_cache_put(cache, args, &fresh);
	} else {
		sim_cache_put_failure(cache, args, &mine);
		sim_result_free(&fresh);
		*res = NULL;
	}
	diag_list_move(diags, &mine);
	diag_list_free(&mine);
	return rc == SIM_OK ? SIM_OK : SIM_ERUN;
}

/* See cache.h. */
void
sim_cache_stats(const struct sim_cache *cache, struct sim_cache_stats *stats)
{
	*stats = cache->stats;
	stats->entries = cache->n;
}
