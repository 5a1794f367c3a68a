package dev.awsmfa.profile;

/** An IAM user's long-term access key. The secret never leaves through toString. */
public record LongTermKeys(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
        return "LongTermKeys[" + accessKeyId + ", secret hidden]";
    }
}
