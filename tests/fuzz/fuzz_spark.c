/* fuzz_spark: the sparkline renderer on bytes read as doubles.
 *
 * The first bytes choose the chart: width (0..300, and sometimes a negative
 * one), height (1..8, and sometimes 0, 9 or -1), glyph set, scale, reduce
 * rule, stretch, a fixed range (two doubles from the input: NaN, inf,
 * reversed and equal ends included) and whether the series share a range.
 * The rest is up to three series of doubles, every bit pattern allowed.
 * Besides "no crash, no leak", it checks what spark.h promises: every row
 * is exactly `width` columns, levels and marks agree, labels fit their
 * field and the summary is one line of ASCII. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart/spark.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEADER 8

/* A double from 8 bytes (any bit pattern). */
static double
double_at(const uint8_t *p)
{
	double v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Is s one line of printable ASCII? */
static int
ascii_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Check a rendered chart against the header's promises. */
static void
check_chart(const struct spark_chart *c, int width, int height, int ascii)
{
	int nlevels;

	if (c->height != height || c->width != width || c->columns < 0 ||
	    c->columns > width)
		abort();
	nlevels = (ascii ? 4 : 8) * height;
	if (c->nlevels != nlevels || c->level == NULL || c->mark == NULL)
		abort();
	for (int r = 0; r < c->height; r++) {
		const char *row = c->rows[r];

		if ((int)utf8_width(row, strlen(row)) != width)
			abort();
		if (ascii && !ascii_line(row))
			abort();
	}
	for (int i = 0; i < c->columns; i++) {
		int lv = c->level[i];

		switch (c->mark[i]) {
		case SPARK_MARK_NONE:
			if (lv < 0 || lv >= nlevels)
				abort();
			break;
		case SPARK_MARK_POSINF:
		case SPARK_MARK_ABOVE:
			if (lv != nlevels)
				abort();
			break;
		case SPARK_MARK_NAN:
		case SPARK_MARK_NEGINF:
		case SPARK_MARK_BELOW:
			if (lv != -1)
				abort();
			break;
		default:
			abort();
		}
	}
	if (strlen(c->label_min) != SPARK_LABEL_WIDTH ||
	    strlen(c->label_max) != SPARK_LABEL_WIDTH ||
	    strlen(c->label_last) != SPARK_LABEL_WIDTH ||
	    strlen(c->label_lo) != SPARK_LABEL_WIDTH ||
	    strlen(c->label_hi) != SPARK_LABEL_WIDTH)
		abort();
	if (c->summary == NULL || !ascii_line(c->summary))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int bad_heights[] = {0, 9, -1, 1000};
	struct spark_opts o;
	struct spark_range shared;
	struct spark_chart chart;
	const double *series[3];
	size_t n[3], npoints;
	double *v;
	int width, height, valid_opts, rc, range_rc;
	unsigned split;
	char label[16], number[32];

	if (size < HEADER)
		return 0;
	spark_opts_init(&o);
	width = (int)((data[0] | data[1] << 8) % 301);
	if ((data[1] & 0xE0) == 0xE0)
		width = -1 - (data[0] & 7);		/* invalid */
	height = 1 + data[2] % 8;
	if ((data[2] & 0xF0) == 0xF0)
		height = bad_heights[data[2] & 3];	/* invalid */
	o.height = height;
	o.glyphs = (enum spark_glyphs)(data[3] & 1);
	o.scale = (enum spark_scale)((data[3] >> 1) % 3);
	o.reduce = (enum spark_reduce)((data[3] >> 3) % 3);
	o.stretch = (data[3] >> 5) & 1;
	o.has_range = (data[3] >> 6) & 1;
	split = data[4] % 4;
	data += HEADER;
	size -= HEADER;
	if (o.has_range && size >= 16) {
		o.lo = double_at(data);
		o.hi = double_at(data + 8);
		data += 16;
		size -= 16;
	}
	/* copy: the input need not be aligned for doubles */
	npoints = size / sizeof(double);
	v = malloc((npoints + 1) * sizeof *v);
	if (v == NULL)
		return 0;
	for (size_t i = 0; i < npoints; i++)
		v[i] = double_at(data + 8 * i);
	/* three series: thirds of the points, by the header's split byte */
	n[0] = npoints * split / 4;
	n[1] = (npoints - n[0]) / 2;
	n[2] = npoints - n[0] - n[1];
	series[0] = n[0] > 0 ? v : NULL;
	series[1] = n[1] > 0 ? v + n[0] : NULL;
	series[2] = n[2] > 0 ? v + n[0] + n[1] : NULL;

	valid_opts = width >= 0 && height >= 1 && height <= SPARK_MAX_HEIGHT;
	range_rc = spark_range_of(&shared, series, n, 3, &o);
	if (range_rc == 0 && shared.valid && !(shared.lo <= shared.hi))
		abort();
	if (range_rc == 0 && shared.valid && shared.log && !(shared.lo > 0))
		abort();
	for (int s = 0; s < 3; s++) {
		rc = spark_render(&chart, series[s], n[s], width, &o,
		    (s & 1) && range_rc == 0 ? &shared : NULL);
		if (rc == 0)
			check_chart(&chart, width, height, o.glyphs == SPARK_ASCII);
		else if (valid_opts && !o.has_range)
			abort();	/* only bad options are refused */
		spark_chart_free(&chart);
		spark_chart_free(&chart);	/* harmless twice */
	}
	/* the whole input as one series, and its summary on its own */
	if (spark_render(&chart, v, npoints, width, &o, NULL) == 0)
		check_chart(&chart, width, height, o.glyphs == SPARK_ASCII);
	spark_chart_free(&chart);
	{
		char *sum = spark_summary(v, npoints,
		    range_rc == 0 ? &shared : NULL);

		if (sum == NULL || !ascii_line(sum))
			abort();
		free(sum);
	}
	for (size_t i = 0; i < npoints && i < 4; i++) {
		spark_format_label(label, v[i]);
		if (strlen(label) != SPARK_LABEL_WIDTH)
			abort();
		spark_format_number(number, v[i], 1 + (int)(i * 5) % 17);
		if (strlen(number) > 31)
			abort();
	}
	free(v);
	return 0;
}
