package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP binding of a method, as its {@code google.api.http} option states it: a verb, a path
 * template and where the body goes ({@code ""}: nowhere, {@code "*"}: the whole message, else a
 * field name). Read without generated classes: the option is an extension the descriptor's options
 * keep as an unknown field, parsed here with the {@code google.api.HttpRule} type found in the
 * descriptor set itself.
 */
public record HttpRule(String verb, String template, String body, String responseBody) {
  /** The field number of {@code google.api.http} on {@code google.protobuf.MethodOptions}. */
  static final int HTTP_OPTION = 72295728;

  private static final String[] VERBS = {"get", "put", "post", "delete", "patch"};

  /** The default binding for a method without annotations: {@code POST /package.Service/Method}. */
  public static HttpRule fallback(MethodDescriptor method) {
    return new HttpRule(
        "POST", "/" + method.getService().getFullName() + "/" + method.getName(), "*", "");
  }

  /**
   * The method's bindings (the main one, then its {@code additional_bindings}), or an empty list
   * when it has no {@code google.api.http} option.
   *
   * @param httpRuleType {@code google.api.HttpRule} from the descriptor set, null when absent
   */
  public static List<HttpRule> of(MethodDescriptor method, @Nullable Descriptor httpRuleType) {
    UnknownFieldSet.Field option = method.getOptions().getUnknownFields().getField(HTTP_OPTION);
    if (option == null || option.getLengthDelimitedList().isEmpty() || httpRuleType == null) {
      return List.of();
    }
    List<HttpRule> rules = new ArrayList<>();
    try {
      DynamicMessage rule =
          DynamicMessage.parseFrom(httpRuleType, option.getLengthDelimitedList().get(0));
      collect(method, rule, rules);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          method.getFullName() + ": unreadable google.api.http option", e);
    }
    return rules;
  }

  private static void collect(MethodDescriptor method, DynamicMessage rule, List<HttpRule> into) {
    Descriptor type = rule.getDescriptorForType();
    String body = text(rule, "body");
    String responseBody = text(rule, "response_body");
    boolean found = false;
    for (String verb : VERBS) {
      FieldDescriptor field = type.findFieldByName(verb);
      if (field != null && rule.hasField(field)) {
        into.add(
            new HttpRule(
                verb.toUpperCase(java.util.Locale.ROOT),
                (String) rule.getField(field),
                body,
                responseBody));
        found = true;
      }
    }
    FieldDescriptor custom = type.findFieldByName("custom");
    if (custom != null && rule.hasField(custom)) {
      DynamicMessage pattern = (DynamicMessage) rule.getField(custom);
      into.add(new HttpRule(text(pattern, "kind"), text(pattern, "path"), body, responseBody));
      found = true;
    }
    if (!found) {
      throw new IllegalArgumentException(
          method.getFullName() + ": google.api.http option names no verb and path");
    }
    FieldDescriptor more = type.findFieldByName("additional_bindings");
    if (more != null) {
      for (int i = 0; i < rule.getRepeatedFieldCount(more); i++) {
        collect(method, (DynamicMessage) rule.getRepeatedField(more, i), into);
      }
    }
  }

  private static String text(DynamicMessage message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    return field == null ? "" : (String) message.getField(field);
  }
}
