/* simblock: how a sim block looks on the page (internal to src/doc).
 *
 * The simulation runs with the lesson's parameters (or the reader's knob
 * values), and the block shows its header, knobs, charts with labels and a
 * one-line summary per series, the filled output template and the "try this"
 * prompt. Every line of the block is indented by at least two columns; a
 * focused block gets a visible marker in that gutter. */
#ifndef RNNTUTOR_SIMBLOCK_H
#define RNNTUTOR_SIMBLOCK_H

#include "doc/layout.h"

void doc_layout_sim(struct doc_page *page, const struct lesson *lesson,
    const struct lesson_block *b, int block, const struct doc_opts *o);

/* Shared with layout.c: verbatim lines (code, output) indented four columns,
 * and a caption line indented two. */
void doc_layout_verbatim(struct doc_page *page, const char *text, int block,
    enum doc_style style, const struct doc_opts *o);
void doc_layout_caption(struct doc_page *page, const char *caption, int block,
    const struct doc_opts *o);

/* The parameter values of a sim block: registry defaults overridden by the
 * lesson's params. Returns 0, or -1 with messages (at the lesson's positions)
 * in diags; args is initialised either way when spec is not NULL. */
int doc_sim_args(struct sim_args *args, const struct lesson *lesson,
    const struct lesson_block *b, struct diag_list *diags);

/* Where in the lesson a run's message about another file belongs (a data
 * file that cannot be read): the position of the parameter whose value
 * names that file (as written, relative to the lesson), else the
 * simulation's name. */
struct lesson_pos doc_sim_file_pos(const struct lesson_sim *s,
    const char *file);

/* "rnntutor sim NAME k=v ...": the command that runs a block headless
 * with args (the parameters that differ from the registry's defaults), as
 * a heap string the caller frees. */
char *doc_sim_command(const struct sim_args *args);

/* What a trained model said about a text (sim_model_ask), laid out as the
 * TUI shows it under its block: the heading note, the charts, the tables
 * (bars included) and the other notes (rnntutor sim ... --ask). */
struct doc_page *doc_layout_answer(const struct sim_result *ans,
    const struct doc_opts *opts);

/* Charts of every series of a result, one after the other, each with its
 * label, range and summary (rnntutor sim --format=text). */
struct doc_page *doc_layout_result(const struct sim_result *res,
    const struct doc_opts *o);

#endif
