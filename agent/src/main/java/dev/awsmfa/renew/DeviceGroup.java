package dev.awsmfa.renew;

import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ManagedProfile.DeviceKey;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.profile.RoleTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles one MFA code renews: the device's session profiles (one GetSessionToken) and the roles chained
 * from them (AssumeRole from that session, no code). A direct role (AssumeRole with MFA) takes a code of its
 * own, so it is a group by itself. The CLI and the agent both ask this class; a profile whose setup is broken
 * never gets here (it cannot be resolved), so it does not hold back the rest of its group.
 *
 * <p>Members are unique by name, session profiles first (roles chain from the session they get), and among
 * them the one asked for first: its settings (endpoint, duration) make the call.
 */
public record DeviceGroup(Key key, List<ManagedProfile> members) {

    /** Which group a profile belongs to: its device, and for a direct role its own name. */
    public record Key(DeviceKey device, Optional<String> directRole) {
        /** A stable name (for scheduler jobs): the serial and key id are identifiers, not secrets. */
        public String id() {
            return device.mfaSerial() + "/" + device.accessKeyId()
                    + directRole.map(r -> "/" + r).orElse("");
        }
    }

    public DeviceGroup {
        members = List.copyOf(members);
    }

    public static Key keyOf(ManagedProfile p) {
        return new Key(p.device(), direct(p) ? Optional.of(p.name()) : Optional.empty());
    }

    /** Every group among {@code profiles}, in the order their first member comes. */
    public static List<DeviceGroup> all(List<ManagedProfile> profiles) {
        Map<Key, List<ManagedProfile>> groups = new LinkedHashMap<>();
        for (ManagedProfile p : profiles) {
            List<ManagedProfile> members = groups.computeIfAbsent(keyOf(p), k -> new ArrayList<>());
            if (members.stream().noneMatch(m -> m.name().equals(p.name()))) {
                members.add(p);
            }
        }
        List<DeviceGroup> all = new ArrayList<>();
        groups.forEach((k, members) ->
                all.add(new DeviceGroup(k, ordered(members, members.get(0).name()))));
        return all;
    }

    /** The group {@code asked} belongs to among {@code profiles}, {@code asked} leading. */
    public static DeviceGroup of(List<ManagedProfile> profiles, ManagedProfile asked) {
        Key key = keyOf(asked);
        List<ManagedProfile> members = new ArrayList<>(List.of(asked));
        for (ManagedProfile p : profiles) {
            if (keyOf(p).equals(key) && members.stream().noneMatch(m -> m.name().equals(p.name()))) {
                members.add(p);
            }
        }
        return new DeviceGroup(key, ordered(members, asked.name()));
    }

    /** The group of {@code asked} among the catalog's profiles that resolve; a broken one is left out. */
    public static DeviceGroup of(ProfileCatalog catalog, ManagedProfile asked) {
        List<ManagedProfile> resolved = new ArrayList<>();
        String keyId = asked.keys().accessKeyId();
        for (String name : catalog.managedNames()) {
            // Only a profile on the same long-term key can share the device: the others are not resolved at all.
            if (catalog.longTermKeyId(name).map(id -> !id.equals(keyId)).orElse(false)) {
                continue;
            }
            try {
                resolved.add(catalog.resolve(name));
            } catch (ProfileException e) {
                // a broken neighbour is reported by status; it does not stop this renewal
            }
        }
        return of(resolved, asked);
    }

    public List<String> names() {
        return members.stream().map(ManagedProfile::name).toList();
    }

    public boolean contains(String profile) {
        return members.stream().anyMatch(m -> m.name().equals(profile));
    }

    private static boolean direct(ManagedProfile p) {
        return p.role().map(r -> !r.chained()).orElse(false);
    }

    private static List<ManagedProfile> ordered(List<ManagedProfile> members, String first) {
        List<ManagedProfile> sorted = new ArrayList<>(members);
        sorted.sort(java.util.Comparator.<ManagedProfile, Boolean>comparing(
                        g -> g.role().map(RoleTarget::chained).orElse(false))
                .thenComparing(g -> !g.name().equals(first)));
        return sorted;
    }
}
