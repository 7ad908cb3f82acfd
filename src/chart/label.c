#include "config.h"

#include "chart/spark.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* %.*g without the surprises: no "-0", no "-nan", digits kept in 1..17. */
void
spark_format_number(char out[32], double v, int digits)
{
	if (digits < 1)
		digits = 1;
	if (digits > 17)
		digits = 17;
	if (isnan(v))
		snprintf(out, 32, "nan");
	else if (isinf(v))
		snprintf(out, 32, "%s", v > 0 ? "inf" : "-inf");
	else if (v == 0)
		snprintf(out, 32, "0");	/* -0 too: to a reader it is 0 */
	else
		snprintf(out, 32, "%.*g", digits, v);
}

/* Right-align the shortest of %.3g, %.2g, %.1g that fits the label field. */
void
spark_format_label(char out[16], double v)
{
	char num[32];
	size_t len;
	int digits;

	for (digits = 3; digits > 1; digits--) {
		spark_format_number(num, v, digits);
		if (strlen(num) <= SPARK_LABEL_WIDTH)
			break;
	}
	if (digits == 1)
		spark_format_number(num, v, 1);	/* "-1e-308" is 7 bytes */
	len = strlen(num);
	memset(out, ' ', SPARK_LABEL_WIDTH - len);
	memcpy(out + SPARK_LABEL_WIDTH - len, num, len + 1);
}
