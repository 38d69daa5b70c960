package dev.pkinitkdc.it.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The package dependency graph of some classes, and its loops: the packages that import each other in a circle
 * (strongly connected components) and the package-to-package arrows inside them. A loop is reported as its
 * arrows, not as class-level dependencies or enumerated cycles: each arrow names the two packages to untangle.
 */
record PackageGraph(SortedMap<String, SortedSet<String>> arrows) {

    static PackageGraph of(Collection<JavaClass> classes, String root) {
        SortedMap<String, SortedSet<String>> arrows = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = c.getPackageName();
            if (!inside(from, root)) {
                continue;
            }
            SortedSet<String> targets = arrows.computeIfAbsent(from, p -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getBaseComponentType().getPackageName();
                if (inside(to, root) && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return new PackageGraph(arrows);
    }

    private static boolean inside(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The loops: each set of two or more packages that reach one another (Tarjan's algorithm, bounded by the graph). */
    List<SortedSet<String>> loops() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<SortedSet<String>> loops = new ArrayList<>();
        for (String p : arrows.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, loops);
            }
        }
        return loops;
    }

    private void connect(String p, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<SortedSet<String>> loops) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        onStack.add(p);
        for (String q : arrows.getOrDefault(p, new TreeSet<>())) {
            if (!index.containsKey(q)) {
                connect(q, index, low, stack, onStack, loops);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            SortedSet<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                loops.add(component);
            }
        }
    }

    /** The arrows that run inside a loop, "from -> to". */
    SortedSet<String> arrowsInLoops() {
        SortedSet<String> result = new TreeSet<>();
        for (SortedSet<String> loop : loops()) {
            for (String from : loop) {
                for (String to : arrows.getOrDefault(from, new TreeSet<>())) {
                    if (loop.contains(to)) {
                        result.add(from + " -> " + to);
                    }
                }
            }
        }
        return result;
    }

    /** Floors: the longest chain of packages downward, each loop counted as one floor (the graph of its loops). */
    int floors() {
        Map<String, String> node = new HashMap<>();
        for (String p : arrows.keySet()) {
            node.put(p, p);
        }
        for (SortedSet<String> loop : loops()) {
            for (String p : loop) {
                node.put(p, loop.first());
            }
        }
        Map<String, SortedSet<String>> down = new HashMap<>();
        arrows.forEach((from, tos) -> tos.stream().filter(node::containsKey).map(node::get)
                .filter(to -> !to.equals(node.get(from)))
                .forEach(to -> down.computeIfAbsent(node.get(from), n -> new TreeSet<>()).add(to)));
        Map<String, Integer> floor = new HashMap<>();
        return new TreeSet<>(node.values()).stream().mapToInt(n -> floorOf(n, down, floor)).max().orElse(0);
    }

    /** Recursion bounded by the number of packages: the condensed graph has no cycle. */
    private static int floorOf(String n, Map<String, SortedSet<String>> down, Map<String, Integer> floor) {
        Integer known = floor.get(n);
        if (known != null) {
            return known;
        }
        int f = 1 + down.getOrDefault(n, new TreeSet<>()).stream().mapToInt(m -> floorOf(m, down, floor)).max().orElse(0);
        floor.put(n, f);
        return f;
    }

    String summary() {
        return arrows.size() + " packages, " + arrowCount() + " arrows, " + loops().size() + " loop(s) of "
                + loops().stream().map(l -> String.valueOf(l.size())).toList() + " packages, "
                + arrowsInLoops().size() + " arrows inside loops, " + floors() + " floors";
    }

    int arrowCount() {
        return arrows.values().stream().mapToInt(Set::size).sum();
    }

    /** A condition on all classes at once: one violation per package arrow inside a loop under root. */
    static ArchCondition<JavaClass> noArrowInALoop(String root) {
        return new ArchCondition<>("have no package arrow inside a loop of packages under " + root) {
            private SortedSet<String> inLoops = new TreeSet<>();

            @Override
            public void init(Collection<JavaClass> all) {
                inLoops = of(all, root).arrowsInLoops();
            }

            @Override
            public void check(JavaClass item, ConditionEvents events) {
            }

            @Override
            public void finish(ConditionEvents events) {
                for (String arrow : inLoops) {
                    events.add(SimpleConditionEvent.violated(arrow, "package arrow in a loop: " + arrow));
                }
            }
        };
    }
}
