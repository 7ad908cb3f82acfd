#include "config.h"

#include "lesson/tree.h"
#include "lesson/yamlerr.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct builder {
	const char *name;
	struct diag_list *diags;
	struct lesson_node *stack[LESSON_MAX_DEPTH + 1];
	int depth;
	struct lesson_node *root;
	int documents;
};

/* A new node of kind at a libyaml mark (0-based) turned 1-based. */
static struct lesson_node *
node_new(enum lesson_node_kind kind, yaml_mark_t mark)
{
	struct lesson_node *node = xcalloc(1, sizeof *node);

	node->kind = kind;
	node->pos.line = (int)mark.line + 1;
	node->pos.col = (int)mark.column + 1;
	return node;
}

/* Free a node and everything below it. */
void
lesson_tree_free(struct lesson_node *node)
{
	if (node == NULL)
		return;
	for (size_t i = 0; i < node->n; i++)
		lesson_tree_free(node->kids[i]);
	free(node->kids);
	free(node->str);
	free(node);
}

/* How a message names what a node is. */
const char *
lesson_node_what(const struct lesson_node *node)
{
	if (node == NULL)
		return "nothing";
	switch (node->kind) {
	case LESSON_NODE_SCALAR:
		return node->len == 0 ? "an empty value" : "a string";
	case LESSON_NODE_MAP:
		return "a mapping";
	case LESSON_NODE_SEQ:
		return "a list";
	}
	return "something else";
}

/* Hang node under the open collection, or make it the root. */
static void
attach(struct builder *b, struct lesson_node *node)
{
	struct lesson_node *parent;

	if (b->depth == 0) {
		b->root = node;
		return;
	}
	parent = b->stack[b->depth - 1];
	if (parent->n == parent->cap) {
		parent->cap = parent->cap != 0 ? parent->cap * 2 : 8;
		parent->kids = xreallocarray(parent->kids, parent->cap,
		    sizeof *parent->kids);
	}
	parent->kids[parent->n++] = node;
}

/* Record an error at a libyaml mark. */
static int
fail_at(struct builder *b, yaml_mark_t mark, const char *msg)
{
	diag_add(b->diags, DIAG_ERROR, b->name, (int)mark.line + 1,
	    (int)mark.column + 1, "%s", msg);
	return -1;
}

/* Refuse anchors: with aliases gone they have no use, and they hint at one. */
static int
check_anchor(struct builder *b, const yaml_char_t *anchor, yaml_mark_t mark)
{
	if (anchor == NULL)
		return 0;
	return fail_at(b, mark, "YAML anchors (&name) are not supported in "
	    "lessons: write the value out in full");
}

/* Open a mapping or sequence. */
static int
open_collection(struct builder *b, enum lesson_node_kind kind,
    const yaml_char_t *anchor, yaml_mark_t mark)
{
	struct lesson_node *node;

	if (check_anchor(b, anchor, mark) < 0)
		return -1;
	if (b->depth >= LESSON_MAX_DEPTH)
		return fail_at(b, mark, "nesting is too deep (a lesson needs at "
		    "most 16 levels of lists and mappings)");
	node = node_new(kind, mark);
	attach(b, node);
	b->stack[b->depth++] = node;
	return 0;
}

/* Add a scalar, checking its size. */
static int
add_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct lesson_node *node;
	size_t len = ev->data.scalar.length;

	if (check_anchor(b, ev->data.scalar.anchor, ev->start_mark) < 0)
		return -1;
	if (len > LESSON_MAX_SCALAR)
		return fail_at(b, ev->start_mark, "value is too long (more than "
		    "64 KiB): split it into several blocks");
	node = node_new(LESSON_NODE_SCALAR, ev->start_mark);
	node->str = xmalloc(len + 1);
	memcpy(node->str, ev->data.scalar.value, len);
	node->str[len] = '\0';
	node->len = len;
	attach(b, node);
	return 0;
}

/* Turn one libyaml event into tree structure; -1 on a refused construct. */
static int
handle_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			return fail_at(b, ev->start_mark, "a lesson file holds one "
			    "YAML document: remove this '---' and what follows, or "
			    "move it to its own file");
		return 0;
	case YAML_ALIAS_EVENT:
		return fail_at(b, ev->start_mark, "YAML aliases (*name) are not "
		    "supported in lessons: write the value out in full");
	case YAML_SCALAR_EVENT:
		return add_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, LESSON_NODE_SEQ,
		    ev->data.sequence_start.anchor, ev->start_mark);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, LESSON_NODE_MAP,
		    ev->data.mapping_start.anchor, ev->start_mark);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		b->depth--;
		return 0;
	default:
		return 0;
	}
}

/* libyaml's parser error as FILE:LINE:COL: error: YAML syntax: ..., in
 * the author's words where the case is a common one (yamlerr.h). */
static void
syntax_error(struct builder *b, const yaml_parser_t *parser, const char *buf,
    size_t len)
{
	yaml_mark_t mark = parser->problem_mark;
	const char *problem = parser->problem != NULL ? parser->problem :
	    "unreadable input";

	if (parser->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset: turn it into line, column */
		size_t off = parser->problem_offset < len ? parser->problem_offset :
		    len;
		int line = 1, col = 1;

		for (size_t i = 0; i < off; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_add(b->diags, DIAG_ERROR, b->name, line, col,
		    "%s: lesson files must be UTF-8 text without control "
		    "characters", problem);
		return;
	}
	{
		struct lesson_yaml_problem p = {
			.problem = problem, .context = parser->context,
			.line = (int)mark.line + 1, .col = (int)mark.column + 1,
			.context_line = (int)parser->context_mark.line + 1,
			.context_col = (int)parser->context_mark.column + 1,
		};

		lesson_yaml_error(b->diags, b->name, &p, buf, len);
	}
}

/* Parse a whole buffer into a tree; see tree.h. */
int
lesson_tree_parse(struct lesson_node **root, const char *name,
    const char *buf, size_t len, struct diag_list *diags)
{
	struct builder b;
	yaml_parser_t parser;
	int rc = 0, done = 0;

	memset(&b, 0, sizeof b);
	b.name = name;
	b.diags = diags;
	*root = NULL;
	if (!yaml_parser_initialize(&parser))
		fatal("out of memory (YAML parser)");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&b, &parser, buf, len);
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (handle_event(&b, &ev) < 0) {
			rc = -1;
			done = 1;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc < 0) {
		lesson_tree_free(b.root);
		return -1;
	}
	*root = b.root;
	return 0;
}
