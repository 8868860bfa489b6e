package io.lotse.bot.guides;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A troubleshooting article cut into its steps: the items of the first numbered Markdown list.
 *
 * <p>An item starts with {@code 1.} or {@code 1)} (indented at most three spaces, as in CommonMark)
 * and runs until the next item of the same list: continuation lines, nested lists and indented
 * paragraphs after a blank line stay with their item, and continuation lines lose the item's
 * indentation so that the step renders on its own. Text before the list is the intro; the list ends
 * at the first unindented line after a blank line, and what follows is not part of any step.
 */
public record Guide(String intro, List<String> steps) {

    private static final Pattern ITEM = Pattern.compile("^( {0,3})(\\d{1,9})[.)](?:[ \\t]+(.*))?$");

    public Guide {
        steps = List.copyOf(steps);
    }

    /** The guide in a Markdown body, or empty when the body has no numbered list. */
    public static Optional<Guide> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int first = firstItem(lines);
        if (first < 0) {
            return Optional.empty();
        }
        List<String> steps = items(lines, first);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        String intro = String.join("\n", List.of(lines).subList(0, first)).strip();
        return Optional.of(new Guide(intro, steps));
    }

    public int size() {
        return steps.size();
    }

    /** Step {@code number}, 1-based. */
    public String step(int number) {
        return steps.get(number - 1);
    }

    private static int firstItem(String[] lines) {
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                inFence = !inFence;
            } else if (!inFence && ITEM.matcher(lines[i]).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> items(String[] lines, int first) {
        List<String> steps = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int contentIndent = Integer.MAX_VALUE;
        boolean blankBefore = false;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            Matcher item = ITEM.matcher(line);
            boolean startsItem = item.matches() && item.group(1).length() < contentIndent;
            if (startsItem) {
                if (i > first) {
                    steps.add(current.toString().strip());
                }
                current = new StringBuilder(item.group(3) == null ? "" : item.group(3).strip());
                contentIndent = item.group(1).length() + item.group(2).length() + 2;
                blankBefore = false;
            } else if (line.isBlank()) {
                blankBefore = true;
            } else if (blankBefore && indentation(line) < contentIndent) {
                break;
            } else {
                current.append('\n');
                if (blankBefore) {
                    current.append('\n');
                }
                current.append(line.substring(Math.min(indentation(line), contentIndent)));
                blankBefore = false;
            }
        }
        steps.add(current.toString().strip());
        steps.removeIf(String::isEmpty);
        return steps;
    }

    private static int indentation(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }
}
