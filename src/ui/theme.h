/* theme: curses attributes for the page styles. Colour only when the
 * terminal has it and NO_COLOR is unset; without colour, bold, underline
 * and reverse video still set apart what matters. */
#ifndef RNNTUTOR_THEME_H
#define RNNTUTOR_THEME_H

#include "doc/page.h"

/* Call once after initscr. */
void ui_theme_init(void);
/* The attribute (an attr_t) of a style. */
unsigned long ui_theme_attr(enum doc_style style);
/* The attribute of the status line. */
unsigned long ui_theme_status(void);

#endif
