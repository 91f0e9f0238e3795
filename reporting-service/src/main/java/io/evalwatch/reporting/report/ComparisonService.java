package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.RunComparison;
import io.evalwatch.reporting.report.ReportService.ItemView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Two stored runs compared item by item ({@link RunComparison}): the JSON API's and the console's compare. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ComparisonService {

    private final ReportService reports;

    public ComparisonService(ReportService reports) {
        this.reports = reports;
    }

    /** Run b against run a; empty when reporting has not seen one of them, named in missing. */
    public Optional<RunComparison.Result> compare(String a, String b) {
        Optional<List<ItemView>> before = reports.items(a);
        Optional<List<ItemView>> after = reports.items(b);
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunComparison.compare(a, b, items(before.get()), items(after.get())));
    }

    private static List<RunComparison.Item> items(List<ItemView> views) {
        return views.stream().map(i -> new RunComparison.Item(i.taskId(), i.model(), i.sample(),
                i.itemId().substring(i.itemId().lastIndexOf('/') + 1), i.kind(), i.passed(), i.errored(),
                i.failureCategory())).toList();
    }
}
