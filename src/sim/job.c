/* job: every simulation as a run in steps (sim.h), how long a run takes,
 * and the models that training runs leave. */
#include "config.h"

#include "sim/sim.h"

#include <stdlib.h>

#include "core/xalloc.h"

struct sim_job {
	struct sim_args args;		/* owned copy */
	const struct sim_job_ops *ops;	/* NULL: run() whole in one step */
	void *state;			/* the ops' run state */
	struct sim_result whole;	/* without ops: the result once run */
	int done;
	int failed;
};

struct sim_model {
	const struct sim_model_ops *ops;
	void *impl;
};

/* See sim.h. */
double
sim_cost(const struct sim_args *args)
{
	if (args->spec == NULL || args->spec->cost == NULL)
		return 0.0;
	return args->spec->cost(args);
}

/* See sim.h. */
enum sim_pace
sim_pace(const struct sim_args *args)
{
	if (args->spec != NULL && args->spec->trains != NULL &&
	    args->spec->trains(args))
		return SIM_PACE_TRAINS;
	return sim_cost(args) > SIM_FAST_SECONDS ? SIM_PACE_HEAVY :
	    SIM_PACE_FAST;
}

/* See sim.h. */
int
sim_has_model(const struct sim_spec *spec)
{
	return spec->job != NULL && spec->job->model != NULL;
}

/* See sim.h. */
int
sim_job_create(struct sim_job **out, const struct sim_args *args,
    const char *load_path, struct diag_list *diags)
{
	const struct sim_spec *spec = args->spec;
	struct sim_job *job;

	*out = NULL;
	if (spec == NULL || (spec->run == NULL && spec->job == NULL)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "no simulation to run");
		return SIM_ERUN;
	}
	if (load_path != NULL && !sim_has_model(spec)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the simulation '%s' "
		    "has no model to load", spec->name);
		return SIM_EUNKNOWN;
	}
	job = xcalloc(1, sizeof *job);
	sim_args_copy(&job->args, args);
	job->ops = spec->job;
	sim_result_init(&job->whole);
	if (job->ops != NULL &&
	    job->ops->create(&job->state, &job->args, load_path, diags) != 0) {
		sim_args_free(&job->args);
		free(job);
		return SIM_ERUN;
	}
	*out = job;
	return SIM_OK;
}

/* See sim.h. */
int
sim_job_step(struct sim_job *job, size_t units, struct diag_list *diags)
{
	int rc;

	if (job->failed)
		return SIM_ERUN;
	if (job->done)
		return 0;
	if (job->ops != NULL)
		rc = job->ops->step(job->state, units, diags);
	else
		rc = job->args.spec->run(&job->whole, &job->args, diags) == SIM_OK ?
		    0 : SIM_ERUN;
	if (rc == 0)
		job->done = 1;
	else if (rc < 0)
		job->failed = 1;
	return rc < 0 ? SIM_ERUN : rc;
}

/* See sim.h. */
void
sim_job_progress(const struct sim_job *job, struct sim_progress *pg)
{
	if (job->ops != NULL) {
		job->ops->progress(job->state, pg);
		return;
	}
	pg->fraction = job->done ? 1.0 : 0.0;
	pg->stage = job->done ? 1 : 0;
	pg->stages = 1;
	pg->stage_name = "run";
	pg->seconds = 0.0;
	pg->done = job->done;
	pg->ended = NULL;
}

/* See sim.h: a result without a step name gets "step". */
void
sim_job_result(const struct sim_job *job, struct sim_result *res)
{
	if (job->ops != NULL)
		job->ops->result(job->state, res);
	else if (job->done)
		sim_result_copy(res, &job->whole);
	if (res->step_name == NULL)
		res->step_name = xstrdup("step");
}

/* See sim.h. */
const struct sim_args *
sim_job_args(const struct sim_job *job)
{
	return &job->args;
}

/* See sim.h. */
struct sim_model *
sim_job_model(const struct sim_job *job)
{
	struct sim_model *model;

	if (job->ops == NULL || job->ops->model == NULL)
		return NULL;
	model = xmalloc(sizeof *model);
	model->ops = job->ops->model;
	model->impl = model->ops->take(job->state);
	return model;
}

/* See sim.h. */
void
sim_job_destroy(struct sim_job *job)
{
	if (job == NULL)
		return;
	if (job->ops != NULL)
		job->ops->destroy(job->state);
	sim_result_free(&job->whole);
	sim_args_free(&job->args);
	free(job);
}

/* See sim.h: the whole run, in steps as large as the simulation likes. */
int
sim_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	struct sim_job *job;
	int rc;

	if (sim_job_create(&job, args, NULL, diags) != SIM_OK)
		return SIM_ERUN;
	while ((rc = sim_job_step(job, 64, diags)) == 1)
		;
	if (rc == 0)
		sim_job_result(job, res);
	sim_job_destroy(job);
	return rc == 0 ? SIM_OK : SIM_ERUN;
}

/* See sim.h. */
const char *
sim_model_noun(const struct sim_model *model)
{
	return model->ops->noun;
}

/* See sim.h. */
int
sim_model_save(const struct sim_model *model, const char *path,
    struct diag_list *diags)
{
	return model->ops->save(model->impl, path, diags);
}

/* See sim.h. */
void
sim_model_ask(struct sim_result *answer, const struct sim_model *model,
    const char *text, size_t len)
{
	model->ops->ask(answer, model->impl, NULL, text, len);
}

/* See sim.h: a model of other ops is not beside it. */
void
sim_model_ask_beside(struct sim_result *answer,
    const struct sim_model *model, const struct sim_model *other,
    const char *text, size_t len)
{
	model->ops->ask(answer, model->impl, other != NULL &&
	    sim_model_same_sim(model, other) ? other->impl : NULL, text, len);
}

/* See sim.h. */
const char *
sim_model_kind(const struct sim_model *model)
{
	return model->ops->kind(model->impl);
}

/* See sim.h. */
int
sim_model_same_sim(const struct sim_model *a, const struct sim_model *b)
{
	return a->ops == b->ops;
}

/* See sim.h. */
struct sim_model *
sim_model_copy(const struct sim_model *model)
{
	struct sim_model *copy = xmalloc(sizeof *copy);

	copy->ops = model->ops;
	copy->impl = model->ops->copy(model->impl);
	return copy;
}

/* See sim.h. */
struct sim_model *
sim_model_load(const struct sim_spec *spec, const char *path,
    struct diag_list *diags)
{
	struct sim_model *model;
	void *impl;

	if (!sim_has_model(spec)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the simulation '%s' "
		    "has no model to load", spec->name);
		return NULL;
	}
	impl = spec->job->model->load(path, diags);
	if (impl == NULL)
		return NULL;
	model = xmalloc(sizeof *model);
	model->ops = spec->job->model;
	model->impl = impl;
	return model;
}

/* See sim.h. */
void
sim_model_destroy(struct sim_model *model)
{
	if (model == NULL)
		return;
	model->ops->destroy(model->impl);
	free(model);
}
