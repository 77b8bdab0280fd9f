package org.groupchat.migration;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.stream.Collectors;

/** An import that changed nothing, and every problem that stopped it. */
@ApplicationException(rollback = true)
public class ImportRefused extends RuntimeException {

    private final transient List<ImportProblem> problems;

    public ImportRefused(List<ImportProblem> problems) {
        super(problems.stream().map(ImportProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
