package io.lotse.knowledge;

import java.util.List;

/**
 * What an import did: how many articles it stored, and every file it refused with the reason.
 *
 * <p>A refused file changed nothing; the others were stored as an upsert by id, so a report with
 * problems is still a partly successful import.
 *
 * @param imported how many articles were created or replaced
 * @param problems one entry per refused file, in the order the files were read
 */
public record ImportReport(int imported, List<ImportProblem> problems) {

    /**
     * One file that was not imported.
     *
     * @param file the file's path relative to the imported folder, with {@code /} as separator
     * @param problem what is wrong, for a person to fix it
     */
    public record ImportProblem(String file, String problem) {}

    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** Whether every file was imported. */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
