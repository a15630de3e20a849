package dev.gcjobs.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The classes of one of this project's packages for ArchUnit, read only from the class-path entries
 * that hold that package ({@code target/classes}, {@code target/test-classes}): ArchUnit's own
 * {@code importPackages} opens every jar on the class path, which takes seconds.
 */
public final class ProjectClasses {
  private ProjectClasses() {}

  /** The classes of {@code pkg} and its subpackages that {@code option} lets in. */
  public static JavaClasses of(String pkg, ImportOption option) {
    List<Location> locations = new ArrayList<>();
    try {
      for (URL url :
          Collections.list(
              ProjectClasses.class.getClassLoader().getResources(pkg.replace('.', '/')))) {
        locations.add(Location.of(url));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("no class-path entry holds the package " + pkg);
    }
    return new ClassFileImporter().withImportOption(option).importLocations(locations);
  }
}
