/* translit: ASCII stand-ins for the non-ASCII characters lessons use.
 *
 * For terminals and locales without UTF-8: mathematical and typographic
 * symbols get a readable ASCII spelling (sigma, ||, ->, x, <=, --, straight
 * quotes); Latin letters with accents lose the accent. */
#ifndef RNNTUTOR_TRANSLIT_H
#define RNNTUTOR_TRANSLIT_H

#include <stdint.h>

/* The stand-in for cp (a static string of printable ASCII), or NULL when
 * there is none and the caller should show '?'. */
const char *translit_ascii(uint32_t cp);

#endif
