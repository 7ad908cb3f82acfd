/* tree: a YAML document as a small tree of scalars, mappings and sequences,
 * every node with its line and column. The loader converts the tree by the
 * lesson schema; keeping the two apart keeps both short.
 *
 * Every scalar stays a string: nothing is guessed. Aliases and anchors are
 * refused (no expansion, so no billion-laughs), and so are documents deeper
 * than LESSON_MAX_DEPTH, scalars longer than LESSON_MAX_SCALAR, and more than
 * one document. Ownership: lesson_tree_parse() returns a heap tree that
 * lesson_tree_free() releases. */
#ifndef RNNTUTOR_TREE_H
#define RNNTUTOR_TREE_H

#include <stddef.h>

#include "core/diag.h"
#include "lesson/lesson.h"

enum lesson_node_kind {
	LESSON_NODE_SCALAR,
	LESSON_NODE_MAP,	/* kids[2i] is a key (a scalar), kids[2i+1] its value */
	LESSON_NODE_SEQ
};

struct lesson_node {
	enum lesson_node_kind kind;
	struct lesson_pos pos;
	char *str;		/* scalar text, NUL-terminated */
	size_t len;		/* scalar length in bytes (may hold no NUL) */
	struct lesson_node **kids;
	size_t n;		/* number of kids */
	size_t cap;
};

/* Parse buf (len bytes). Returns 0 and sets *root (NULL for an empty
 * document), or -1 with an error at the problem's position in diags. */
int lesson_tree_parse(struct lesson_node **root, const char *name,
    const char *buf, size_t len, struct diag_list *diags);
void lesson_tree_free(struct lesson_node *node);
/* "text", "a list" or "a mapping": how messages name a node's kind. */
const char *lesson_node_what(const struct lesson_node *node);

#endif
