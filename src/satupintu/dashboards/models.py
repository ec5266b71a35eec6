"""Daily rollup of the figures leaders read: one row per day, metric, unit, kelurahan and key
(a service, an age bucket), with a count and a total (minutes or working days) for averages."""

from django.db import models


class DailyFigure(models.Model):
    day = models.DateField(db_index=True)
    metric = models.CharField(max_length=40)
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        "org.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField(default=0)
    total = models.BigIntegerField(default=0)

    class Meta:
        # Every figure sums one metric over a period, grouped by unit, kelurahan, key or day:
        # with all of those in the index the sums read the index alone, never the table.
        indexes = [
            models.Index(
                fields=["metric", "day", "org_unit", "region", "key", "count", "total"],
                name="dailyfigure_metric_day_cover",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.metric} {self.org_unit_id} {self.key}: {self.count}"
